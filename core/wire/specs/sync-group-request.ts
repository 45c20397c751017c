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

// SyncGroupRequest.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/SyncGroupRequest.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const SyncGroupRequest: MessageSpec = {
  "apiKey": 14,
  "type": "request",
  "listeners": [
    "zkBroker",
    "broker"
  ],
  "name": "SyncGroupRequest",
  "validVersions": "0-5",
  "flexibleVersions": "4+",
  "fields": [
    {
      "name": "GroupId",
      "type": "string",
      "versions": "0+",
      "entityType": "groupId",
      "about": "The unique group identifier."
    },
    {
      "name": "GenerationId",
      "type": "int32",
      "versions": "0+",
      "about": "The generation of the group."
    },
    {
      "name": "MemberId",
      "type": "string",
      "versions": "0+",
      "about": "The member ID assigned by the group."
    },
    {
      "name": "GroupInstanceId",
      "type": "string",
      "versions": "3+",
      "nullableVersions": "3+",
      "default": "null",
      "about": "The unique identifier of the consumer instance provided by end user."
    },
    {
      "name": "ProtocolType",
      "type": "string",
      "versions": "5+",
      "nullableVersions": "5+",
      "default": "null",
      "ignorable": true,
      "about": "The group protocol type."
    },
    {
      "name": "ProtocolName",
      "type": "string",
      "versions": "5+",
      "nullableVersions": "5+",
      "default": "null",
      "ignorable": true,
      "about": "The group protocol name."
    },
    {
      "name": "Assignments",
      "type": "[]SyncGroupRequestAssignment",
      "versions": "0+",
      "about": "Each assignment.",
      "fields": [
        {
          "name": "MemberId",
          "type": "string",
          "versions": "0+",
          "about": "The ID of the member to assign."
        },
        {
          "name": "Assignment",
          "type": "bytes",
          "versions": "0+",
          "about": "The member assignment."
        }
      ]
    }
  ]
};
