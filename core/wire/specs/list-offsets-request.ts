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

// ListOffsetsRequest.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/ListOffsetsRequest.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const ListOffsetsRequest: MessageSpec = {
  "apiKey": 2,
  "type": "request",
  "listeners": [
    "zkBroker",
    "broker"
  ],
  "name": "ListOffsetsRequest",
  "validVersions": "0-10",
  "deprecatedVersions": "0",
  "flexibleVersions": "6+",
  "latestVersionUnstable": false,
  "fields": [
    {
      "name": "ReplicaId",
      "type": "int32",
      "versions": "0+",
      "entityType": "brokerId",
      "about": "The broker ID of the requester, or -1 if this request is being made by a normal consumer."
    },
    {
      "name": "IsolationLevel",
      "type": "int8",
      "versions": "2+",
      "about": "This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records"
    },
    {
      "name": "Topics",
      "type": "[]ListOffsetsTopic",
      "versions": "0+",
      "about": "Each topic in the request.",
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
          "type": "[]ListOffsetsPartition",
          "versions": "0+",
          "about": "Each partition in the request.",
          "fields": [
            {
              "name": "PartitionIndex",
              "type": "int32",
              "versions": "0+",
              "about": "The partition index."
            },
            {
              "name": "CurrentLeaderEpoch",
              "type": "int32",
              "versions": "4+",
              "default": "-1",
              "ignorable": true,
              "about": "The current leader epoch."
            },
            {
              "name": "Timestamp",
              "type": "int64",
              "versions": "0+",
              "about": "The current timestamp."
            },
            {
              "name": "MaxNumOffsets",
              "type": "int32",
              "versions": "0",
              "default": "1",
              "about": "The maximum number of offsets to report."
            }
          ]
        }
      ]
    },
    {
      "name": "TimeoutMs",
      "type": "int32",
      "versions": "10+",
      "ignorable": true,
      "about": "The timeout to await a response in milliseconds for requests that require reading from remote storage for topics enabled with tiered storage."
    }
  ]
};
