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

// JoinGroupRequest.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/JoinGroupRequest.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const JoinGroupRequest: MessageSpec = {
  "apiKey": 11,
  "type": "request",
  "listeners": [
    "zkBroker",
    "broker"
  ],
  "name": "JoinGroupRequest",
  "validVersions": "0-9",
  "deprecatedVersions": "0-1",
  "flexibleVersions": "6+",
  "fields": [
    {
      "name": "GroupId",
      "type": "string",
      "versions": "0+",
      "entityType": "groupId",
      "about": "The group identifier."
    },
    {
      "name": "SessionTimeoutMs",
      "type": "int32",
      "versions": "0+",
      "about": "The coordinator considers the consumer dead if it receives no heartbeat after this timeout in milliseconds."
    },
    {
      "name": "RebalanceTimeoutMs",
      "type": "int32",
      "versions": "1+",
      "default": "-1",
      "ignorable": true,
      "about": "The maximum time in milliseconds that the coordinator will wait for each member to rejoin when rebalancing the group."
    },
    {
      "name": "MemberId",
      "type": "string",
      "versions": "0+",
      "about": "The member id assigned by the group coordinator."
    },
    {
      "name": "GroupInstanceId",
      "type": "string",
      "versions": "5+",
      "nullableVersions": "5+",
      "default": "null",
      "about": "The unique identifier of the consumer instance provided by end user."
    },
    {
      "name": "ProtocolType",
      "type": "string",
      "versions": "0+",
      "about": "The unique name the for class of protocols implemented by the group we want to join."
    },
    {
      "name": "Protocols",
      "type": "[]JoinGroupRequestProtocol",
      "versions": "0+",
      "about": "The list of protocols that the member supports.",
      "fields": [
        {
          "name": "Name",
          "type": "string",
          "versions": "0+",
          "mapKey": true,
          "about": "The protocol name."
        },
        {
          "name": "Metadata",
          "type": "bytes",
          "versions": "0+",
          "about": "The protocol metadata."
        }
      ]
    },
    {
      "name": "Reason",
      "type": "string",
      "versions": "8+",
      "nullableVersions": "8+",
      "default": "null",
      "ignorable": true,
      "about": "The reason why the member (re-)joins the group."
    }
  ]
};
