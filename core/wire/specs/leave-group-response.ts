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

// LeaveGroupResponse.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/LeaveGroupResponse.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const LeaveGroupResponse: MessageSpec = {
  "apiKey": 13,
  "type": "response",
  "name": "LeaveGroupResponse",
  "validVersions": "0-5",
  "flexibleVersions": "4+",
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
      "versions": "0+",
      "about": "The error code, or 0 if there was no error."
    },
    {
      "name": "Members",
      "type": "[]MemberResponse",
      "versions": "3+",
      "about": "List of leaving member responses.",
      "fields": [
        {
          "name": "MemberId",
          "type": "string",
          "versions": "3+",
          "about": "The member ID to remove from the group."
        },
        {
          "name": "GroupInstanceId",
          "type": "string",
          "versions": "3+",
          "nullableVersions": "3+",
          "about": "The group instance ID to remove from the group."
        },
        {
          "name": "ErrorCode",
          "type": "int16",
          "versions": "3+",
          "about": "The error code, or 0 if there was no error."
        }
      ]
    }
  ]
};
