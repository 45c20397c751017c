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

// FindCoordinatorResponse.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/FindCoordinatorResponse.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const FindCoordinatorResponse: MessageSpec = {
  "apiKey": 10,
  "type": "response",
  "name": "FindCoordinatorResponse",
  "validVersions": "0-6",
  "flexibleVersions": "3+",
  "fields": [
    {
      "name": "ThrottleTimeMs",
      "type": "int32",
      "versions": "1+",
      "ignorable": true,
      "about": "The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota."
    },
    {
      "name": "ErrorCode",
      "type": "int16",
      "versions": "0-3",
      "about": "The error code, or 0 if there was no error."
    },
    {
      "name": "ErrorMessage",
      "type": "string",
      "versions": "1-3",
      "nullableVersions": "1-3",
      "ignorable": true,
      "about": "The error message, or null if there was no error."
    },
    {
      "name": "NodeId",
      "type": "int32",
      "versions": "0-3",
      "entityType": "brokerId",
      "about": "The node id."
    },
    {
      "name": "Host",
      "type": "string",
      "versions": "0-3",
      "about": "The host name."
    },
    {
      "name": "Port",
      "type": "int32",
      "versions": "0-3",
      "about": "The port."
    },
    {
      "name": "Coordinators",
      "type": "[]Coordinator",
      "versions": "4+",
      "about": "Each coordinator result in the response",
      "fields": [
        {
          "name": "Key",
          "type": "string",
          "versions": "4+",
          "about": "The coordinator key."
        },
        {
          "name": "NodeId",
          "type": "int32",
          "versions": "4+",
          "entityType": "brokerId",
          "about": "The node id."
        },
        {
          "name": "Host",
          "type": "string",
          "versions": "4+",
          "about": "The host name."
        },
        {
          "name": "Port",
          "type": "int32",
          "versions": "4+",
          "about": "The port."
        },
        {
          "name": "ErrorCode",
          "type": "int16",
          "versions": "4+",
          "about": "The error code, or 0 if there was no error."
        },
        {
          "name": "ErrorMessage",
          "type": "string",
          "versions": "4+",
          "nullableVersions": "4+",
          "ignorable": true,
          "about": "The error message, or null if there was no error."
        }
      ]
    }
  ]
};
