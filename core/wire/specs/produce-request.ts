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

// ProduceRequest.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/ProduceRequest.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const ProduceRequest: MessageSpec = {
  "apiKey": 0,
  "type": "request",
  "listeners": [
    "zkBroker",
    "broker"
  ],
  "name": "ProduceRequest",
  "validVersions": "0-11",
  "deprecatedVersions": "0-6",
  "flexibleVersions": "9+",
  "fields": [
    {
      "name": "TransactionalId",
      "type": "string",
      "versions": "3+",
      "nullableVersions": "3+",
      "default": "null",
      "entityType": "transactionalId",
      "about": "The transactional ID, or null if the producer is not transactional."
    },
    {
      "name": "Acks",
      "type": "int16",
      "versions": "0+",
      "about": "The number of acknowledgments the producer requires the leader to have received before considering a request complete. Allowed values: 0 for no acknowledgments, 1 for only the leader and -1 for the full ISR."
    },
    {
      "name": "TimeoutMs",
      "type": "int32",
      "versions": "0+",
      "about": "The timeout to await a response in milliseconds."
    },
    {
      "name": "TopicData",
      "type": "[]TopicProduceData",
      "versions": "0+",
      "about": "Each topic to produce to.",
      "fields": [
        {
          "name": "Name",
          "type": "string",
          "versions": "0+",
          "entityType": "topicName",
          "mapKey": true,
          "about": "The topic name."
        },
        {
          "name": "PartitionData",
          "type": "[]PartitionProduceData",
          "versions": "0+",
          "about": "Each partition to produce to.",
          "fields": [
            {
              "name": "Index",
              "type": "int32",
              "versions": "0+",
              "about": "The partition index."
            },
            {
              "name": "Records",
              "type": "records",
              "versions": "0+",
              "nullableVersions": "0+",
              "about": "The record data to be produced."
            }
          ]
        }
      ]
    }
  ]
};
