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

// ProduceResponse.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/ProduceResponse.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const ProduceResponse: MessageSpec = {
  "apiKey": 0,
  "type": "response",
  "name": "ProduceResponse",
  "validVersions": "0-11",
  "flexibleVersions": "9+",
  "fields": [
    {
      "name": "Responses",
      "type": "[]TopicProduceResponse",
      "versions": "0+",
      "about": "Each produce response",
      "fields": [
        {
          "name": "Name",
          "type": "string",
          "versions": "0+",
          "entityType": "topicName",
          "mapKey": true,
          "about": "The topic name"
        },
        {
          "name": "PartitionResponses",
          "type": "[]PartitionProduceResponse",
          "versions": "0+",
          "about": "Each partition that we produced to within the topic.",
          "fields": [
            {
              "name": "Index",
              "type": "int32",
              "versions": "0+",
              "about": "The partition index."
            },
            {
              "name": "ErrorCode",
              "type": "int16",
              "versions": "0+",
              "about": "The error code, or 0 if there was no error."
            },
            {
              "name": "BaseOffset",
              "type": "int64",
              "versions": "0+",
              "about": "The base offset."
            },
            {
              "name": "LogAppendTimeMs",
              "type": "int64",
              "versions": "2+",
              "default": "-1",
              "ignorable": true,
              "about": "The timestamp returned by broker after appending the messages. If CreateTime is used for the topic, the timestamp will be -1.  If LogAppendTime is used for the topic, the timestamp will be the broker local time when the messages are appended."
            },
            {
              "name": "LogStartOffset",
              "type": "int64",
              "versions": "5+",
              "default": "-1",
              "ignorable": true,
              "about": "The log start offset."
            },
            {
              "name": "RecordErrors",
              "type": "[]BatchIndexAndErrorMessage",
              "versions": "8+",
              "ignorable": true,
              "about": "The batch indices of records that caused the batch to be dropped",
              "fields": [
                {
                  "name": "BatchIndex",
                  "type": "int32",
                  "versions": "8+",
                  "about": "The batch index of the record that cause the batch to be dropped"
                },
                {
                  "name": "BatchIndexErrorMessage",
                  "type": "string",
                  "default": "null",
                  "versions": "8+",
                  "nullableVersions": "8+",
                  "about": "The error message of the record that caused the batch to be dropped"
                }
              ]
            },
            {
              "name": "ErrorMessage",
              "type": "string",
              "default": "null",
              "versions": "8+",
              "nullableVersions": "8+",
              "ignorable": true,
              "about": "The global error message summarizing the common root cause of the records that caused the batch to be dropped"
            },
            {
              "name": "CurrentLeader",
              "type": "LeaderIdAndEpoch",
              "versions": "10+",
              "taggedVersions": "10+",
              "tag": 0,
              "fields": [
                {
                  "name": "LeaderId",
                  "type": "int32",
                  "versions": "10+",
                  "default": "-1",
                  "entityType": "brokerId",
                  "about": "The ID of the current leader or -1 if the leader is unknown."
                },
                {
                  "name": "LeaderEpoch",
                  "type": "int32",
                  "versions": "10+",
                  "default": "-1",
                  "about": "The latest known leader epoch"
                }
              ]
            }
          ]
        }
      ]
    },
    {
      "name": "ThrottleTimeMs",
      "type": "int32",
      "versions": "1+",
      "ignorable": true,
      "default": "0",
      "about": "The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota."
    },
    {
      "name": "NodeEndpoints",
      "type": "[]NodeEndpoint",
      "versions": "10+",
      "taggedVersions": "10+",
      "tag": 0,
      "about": "Endpoints for all current-leaders enumerated in PartitionProduceResponses, with errors NOT_LEADER_OR_FOLLOWER.",
      "fields": [
        {
          "name": "NodeId",
          "type": "int32",
          "versions": "10+",
          "mapKey": true,
          "entityType": "brokerId",
          "about": "The ID of the associated node."
        },
        {
          "name": "Host",
          "type": "string",
          "versions": "10+",
          "about": "The node's hostname."
        },
        {
          "name": "Port",
          "type": "int32",
          "versions": "10+",
          "about": "The node's port."
        },
        {
          "name": "Rack",
          "type": "string",
          "versions": "10+",
          "nullableVersions": "10+",
          "default": "null",
          "about": "The rack of the node, or null if it has not been assigned to a rack."
        }
      ]
    }
  ]
};
