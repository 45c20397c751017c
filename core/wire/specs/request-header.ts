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

// RequestHeader.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/RequestHeader.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const RequestHeader: MessageSpec = {
  "type": "header",
  "name": "RequestHeader",
  "validVersions": "0-2",
  "flexibleVersions": "2+",
  "fields": [
    {
      "name": "RequestApiKey",
      "type": "int16",
      "versions": "0+",
      "about": "The API key of this request."
    },
    {
      "name": "RequestApiVersion",
      "type": "int16",
      "versions": "0+",
      "about": "The API version of this request."
    },
    {
      "name": "CorrelationId",
      "type": "int32",
      "versions": "0+",
      "about": "The correlation ID of this request."
    },
    {
      "name": "ClientId",
      "type": "string",
      "versions": "1+",
      "nullableVersions": "1+",
      "ignorable": true,
      "flexibleVersions": "none",
      "about": "The client ID string."
    }
  ]
};
