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

// OffsetFetchResponse.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/OffsetFetchResponse.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const OffsetFetchResponse: MessageSpec = {
  "apiKey": 9,
  "type": "response",
  "name": "OffsetFetchResponse",
  "validVersions": "0-9",
  "flexibleVersions": "6+",
  "fields": [
    {
      "name": "ThrottleTimeMs",
      "type": "int32",
      "versions": "3+",
      "ignorable": true,
      "about": "The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota."
    },
    {
      "name": "Topics",
      "type": "[]OffsetFetchResponseTopic",
      "versions": "0-7",
      "about": "The responses per topic.",
      "fields": [
        {
          "name": "Name",
          "type": "string",
          "versions": "0-7",
          "entityType": "topicName",
          "about": "The topic name."
        },
        {
          "name": "Partitions",
          "type": "[]OffsetFetchResponsePartition",
          "versions": "0-7",
          "about": "The responses per partition",
          "fields": [
            {
              "name": "PartitionIndex",
              "type": "int32",
              "versions": "0-7",
              "about": "The partition index."
            },
            {
              "name": "CommittedOffset",
              "type": "int64",
              "versions": "0-7",
              "about": "The committed message offset."
            },
            {
              "name": "CommittedLeaderEpoch",
              "type": "int32",
              "versions": "5-7",
              "default": "-1",
              "ignorable": true,
              "about": "The leader epoch."
            },
            {
              "name": "Metadata",
              "type": "string",
              "versions": "0-7",
              "nullableVersions": "0-7",
              "about": "The partition metadata."
            },
            {
              "name": "ErrorCode",
              "type": "int16",
              "versions": "0-7",
              "about": "The error code, or 0 if there was no error."
            }
          ]
        }
      ]
    },
    {
      "name": "ErrorCode",
      "type": "int16",
      "versions": "2-7",
      "default": "0",
      "ignorable": true,
      "about": "The top-level error code, or 0 if there was no error."
    },
    {
      "name": "Groups",
      "type": "[]OffsetFetchResponseGroup",
      "versions": "8+",
      "about": "The responses per group id.",
      "fields": [
        {
          "name": "GroupId",
          "type": "string",
          "versions": "8+",
          "entityType": "groupId",
          "about": "The group ID."
        },
        {
          "name": "Topics",
          "type": "[]OffsetFetchResponseTopics",
          "versions": "8+",
          "about": "The responses per topic.",
          "fields": [
            {
              "name": "Name",
              "type": "string",
              "versions": "8+",
              "entityType": "topicName",
              "about": "The topic name."
            },
            {
              "name": "Partitions",
              "type": "[]OffsetFetchResponsePartitions",
              "versions": "8+",
              "about": "The responses per partition",
              "fields": [
                {
                  "name": "PartitionIndex",
                  "type": "int32",
                  "versions": "8+",
                  "about": "The partition index."
                },
                {
                  "name": "CommittedOffset",
                  "type": "int64",
                  "versions": "8+",
                  "about": "The committed message offset."
                },
                {
                  "name": "CommittedLeaderEpoch",
                  "type": "int32",
                  "versions": "8+",
                  "default": "-1",
                  "ignorable": true,
                  "about": "The leader epoch."
                },
                {
                  "name": "Metadata",
                  "type": "string",
                  "versions": "8+",
                  "nullableVersions": "8+",
                  "about": "The partition metadata."
                },
                {
                  "name": "ErrorCode",
                  "type": "int16",
                  "versions": "8+",
                  "about": "The partition-level error code, or 0 if there was no error."
                }
              ]
            }
          ]
        },
        {
          "name": "ErrorCode",
          "type": "int16",
          "versions": "8+",
          "default": "0",
          "about": "The group-level error code, or 0 if there was no error."
        }
      ]
    }
  ]
};
