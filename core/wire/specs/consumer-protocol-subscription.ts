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

// ConsumerProtocolSubscription.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/ConsumerProtocolSubscription.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const ConsumerProtocolSubscription: MessageSpec = {
  "type": "data",
  "name": "ConsumerProtocolSubscription",
  "validVersions": "0-3",
  "flexibleVersions": "none",
  "fields": [
    {
      "name": "Topics",
      "type": "[]string",
      "versions": "0+"
    },
    {
      "name": "UserData",
      "type": "bytes",
      "versions": "0+",
      "nullableVersions": "0+",
      "default": "null",
      "zeroCopy": true
    },
    {
      "name": "OwnedPartitions",
      "type": "[]TopicPartition",
      "versions": "1+",
      "ignorable": true,
      "fields": [
        {
          "name": "Topic",
          "type": "string",
          "mapKey": true,
          "versions": "1+",
          "entityType": "topicName"
        },
        {
          "name": "Partitions",
          "type": "[]int32",
          "versions": "1+"
        }
      ]
    },
    {
      "name": "GenerationId",
      "type": "int32",
      "versions": "2+",
      "default": "-1",
      "ignorable": true
    },
    {
      "name": "RackId",
      "type": "string",
      "versions": "3+",
      "nullableVersions": "3+",
      "default": "null",
      "ignorable": true
    }
  ]
};
