// Licensed to the Apache Software Foundation (ASF) under one or more
// contributor license agreements.  See the NOTICE file distributed with
// this work for additional information regarding copyright ownership.
// The ASF licenses this file to You under the Apache License, Version 2.0
// (the "License"); you may not use this file except in compliance with
// the License.  You may obtain a copy of the License at
//
//    http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

// OffsetCommitRequest.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/OffsetCommitRequest.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const OffsetCommitRequest: MessageSpec = {
  "apiKey": 8,
  "type": "request",
  "listeners": [
    "zkBroker",
    "broker"
  ],
  "name": "OffsetCommitRequest",
  "validVersions": "0-9",
  "deprecatedVersions": "0-1",
  "flexibleVersions": "8+",
  "fields": [
    {
      "name": "GroupId",
      "type": "string",
      "versions": "0+",
      "entityType": "groupId",
      "about": "The unique group identifier."
    },
    {
      "name": "GenerationIdOrMemberEpoch",
      "type": "int32",
      "versions": "1+",
      "default": "-1",
      "ignorable": true,
      "about": "The generation of the group if using the classic group protocol or the member epoch if using the consumer protocol."
    },
    {
      "name": "MemberId",
      "type": "string",
      "versions": "1+",
      "ignorable": true,
      "about": "The member ID assigned by the group coordinator."
    },
    {
      "name": "GroupInstanceId",
      "type": "string",
      "versions": "7+",
      "nullableVersions": "7+",
      "default": "null",
      "about": "The unique identifier of the consumer instance provided by end user."
    },
    {
      "name": "RetentionTimeMs",
      "type": "int64",
      "versions": "2-4",
      "default": "-1",
      "ignorable": true,
      "about": "The time period in ms to retain the offset."
    },
    {
      "name": "Topics",
      "type": "[]OffsetCommitRequestTopic",
      "versions": "0+",
      "about": "The topics to commit offsets for.",
      "fields": [
        {
          "name": "Name",
          "type": "string",
          "versions": "0+",
          "entityType": "topicName",
          "about": "The topic name."
        },
        {
          "name": "Partitions",
          "type": "[]OffsetCommitRequestPartition",
          "versions": "0+",
          "about": "Each partition to commit offsets for.",
          "fields": [
            {
              "name": "PartitionIndex",
              "type": "int32",
              "versions": "0+",
              "about": "The partition index."
            },
            {
              "name": "CommittedOffset",
              "type": "int64",
              "versions": "0+",
              "about": "The message offset to be committed."
            },
            {
              "name": "CommittedLeaderEpoch",
              "type": "int32",
              "versions": "6+",
              "default": "-1",
              "ignorable": true,
              "about": "The leader epoch of this partition."
            },
            {
              "name": "CommitTimestamp",
              "type": "int64",
              "versions": "1",
              "default": "-1",
              "about": "The timestamp of the commit."
            },
            {
              "name": "CommittedMetadata",
              "type": "string",
              "versions": "0+",
              "nullableVersions": "0+",
              "about": "Any associated metadata the client wants to keep."
            }
          ]
        }
      ]
    }
  ]
};
