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

// OffsetFetchRequest.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/OffsetFetchRequest.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const OffsetFetchRequest: MessageSpec = {
  "apiKey": 9,
  "type": "request",
  "listeners": [
    "zkBroker",
    "broker"
  ],
  "name": "OffsetFetchRequest",
  "validVersions": "0-9",
  "deprecatedVersions": "0",
  "flexibleVersions": "6+",
  "fields": [
    {
      "name": "GroupId",
      "type": "string",
      "versions": "0-7",
      "entityType": "groupId",
      "about": "The group to fetch offsets for."
    },
    {
      "name": "Topics",
      "type": "[]OffsetFetchRequestTopic",
      "versions": "0-7",
      "nullableVersions": "2-7",
      "about": "Each topic we would like to fetch offsets for, or null to fetch offsets for all topics.",
      "fields": [
        {
          "name": "Name",
          "type": "string",
          "versions": "0-7",
          "entityType": "topicName",
          "about": "The topic name."
        },
        {
          "name": "PartitionIndexes",
          "type": "[]int32",
          "versions": "0-7",
          "about": "The partition indexes we would like to fetch offsets for."
        }
      ]
    },
    {
      "name": "Groups",
      "type": "[]OffsetFetchRequestGroup",
      "versions": "8+",
      "about": "Each group we would like to fetch offsets for",
      "fields": [
        {
          "name": "GroupId",
          "type": "string",
          "versions": "8+",
          "entityType": "groupId",
          "about": "The group ID."
        },
        {
          "name": "MemberId",
          "type": "string",
          "versions": "9+",
          "nullableVersions": "9+",
          "default": "null",
          "ignorable": true,
          "about": "The member ID assigned by the group coordinator if using the new consumer protocol (KIP-848)."
        },
        {
          "name": "MemberEpoch",
          "type": "int32",
          "versions": "9+",
          "default": "-1",
          "ignorable": true,
          "about": "The member epoch if using the new consumer protocol (KIP-848)."
        },
        {
          "name": "Topics",
          "type": "[]OffsetFetchRequestTopics",
          "versions": "8+",
          "nullableVersions": "8+",
          "about": "Each topic we would like to fetch offsets for, or null to fetch offsets for all topics.",
          "fields": [
            {
              "name": "Name",
              "type": "string",
              "versions": "8+",
              "entityType": "topicName",
              "about": "The topic name."
            },
            {
              "name": "PartitionIndexes",
              "type": "[]int32",
              "versions": "8+",
              "about": "The partition indexes we would like to fetch offsets for."
            }
          ]
        }
      ]
    },
    {
      "name": "RequireStable",
      "type": "bool",
      "versions": "7+",
      "default": "false",
      "about": "Whether broker should hold on returning unstable offsets but set a retriable error code for the partitions."
    }
  ]
};
