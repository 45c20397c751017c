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

// MetadataRequest.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/MetadataRequest.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const MetadataRequest: MessageSpec = {
  "apiKey": 3,
  "type": "request",
  "listeners": [
    "zkBroker",
    "broker"
  ],
  "name": "MetadataRequest",
  "validVersions": "0-12",
  "deprecatedVersions": "0-3",
  "flexibleVersions": "9+",
  "fields": [
    {
      "name": "Topics",
      "type": "[]MetadataRequestTopic",
      "versions": "0+",
      "nullableVersions": "1+",
      "about": "The topics to fetch metadata for.",
      "fields": [
        {
          "name": "TopicId",
          "type": "uuid",
          "versions": "10+",
          "ignorable": true,
          "about": "The topic id."
        },
        {
          "name": "Name",
          "type": "string",
          "versions": "0+",
          "entityType": "topicName",
          "nullableVersions": "10+",
          "about": "The topic name."
        }
      ]
    },
    {
      "name": "AllowAutoTopicCreation",
      "type": "bool",
      "versions": "4+",
      "default": "true",
      "ignorable": false,
      "about": "If this is true, the broker may auto-create topics that we requested which do not already exist, if it is configured to do so."
    },
    {
      "name": "IncludeClusterAuthorizedOperations",
      "type": "bool",
      "versions": "8-10",
      "about": "Whether to include cluster authorized operations."
    },
    {
      "name": "IncludeTopicAuthorizedOperations",
      "type": "bool",
      "versions": "8+",
      "about": "Whether to include topic authorized operations."
    }
  ]
};
