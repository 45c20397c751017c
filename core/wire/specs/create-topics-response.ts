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

// CreateTopicsResponse.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/CreateTopicsResponse.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const CreateTopicsResponse: MessageSpec = {
  "apiKey": 19,
  "type": "response",
  "name": "CreateTopicsResponse",
  "validVersions": "0-7",
  "flexibleVersions": "5+",
  "fields": [
    {
      "name": "ThrottleTimeMs",
      "type": "int32",
      "versions": "2+",
      "ignorable": true,
      "about": "The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota."
    },
    {
      "name": "Topics",
      "type": "[]CreatableTopicResult",
      "versions": "0+",
      "about": "Results for each topic we tried to create.",
      "fields": [
        {
          "name": "Name",
          "type": "string",
          "versions": "0+",
          "mapKey": true,
          "entityType": "topicName",
          "about": "The topic name."
        },
        {
          "name": "TopicId",
          "type": "uuid",
          "versions": "7+",
          "ignorable": true,
          "about": "The unique topic ID"
        },
        {
          "name": "ErrorCode",
          "type": "int16",
          "versions": "0+",
          "about": "The error code, or 0 if there was no error."
        },
        {
          "name": "ErrorMessage",
          "type": "string",
          "versions": "1+",
          "nullableVersions": "0+",
          "ignorable": true,
          "about": "The error message, or null if there was no error."
        },
        {
          "name": "TopicConfigErrorCode",
          "type": "int16",
          "versions": "5+",
          "tag": 0,
          "taggedVersions": "5+",
          "ignorable": true,
          "about": "Optional topic config error returned if configs are not returned in the response."
        },
        {
          "name": "NumPartitions",
          "type": "int32",
          "versions": "5+",
          "default": "-1",
          "ignorable": true,
          "about": "Number of partitions of the topic."
        },
        {
          "name": "ReplicationFactor",
          "type": "int16",
          "versions": "5+",
          "default": "-1",
          "ignorable": true,
          "about": "Replication factor of the topic."
        },
        {
          "name": "Configs",
          "type": "[]CreatableTopicConfigs",
          "versions": "5+",
          "nullableVersions": "5+",
          "ignorable": true,
          "about": "Configuration of the topic.",
          "fields": [
            {
              "name": "Name",
              "type": "string",
              "versions": "5+",
              "about": "The configuration name."
            },
            {
              "name": "Value",
              "type": "string",
              "versions": "5+",
              "nullableVersions": "5+",
              "about": "The configuration value."
            },
            {
              "name": "ReadOnly",
              "type": "bool",
              "versions": "5+",
              "about": "True if the configuration is read-only."
            },
            {
              "name": "ConfigSource",
              "type": "int8",
              "versions": "5+",
              "default": "-1",
              "ignorable": true,
              "about": "The configuration source."
            },
            {
              "name": "IsSensitive",
              "type": "bool",
              "versions": "5+",
              "about": "True if this configuration is sensitive."
            }
          ]
        }
      ]
    }
  ]
};
