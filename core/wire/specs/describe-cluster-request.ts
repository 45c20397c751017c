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

// DescribeClusterRequest.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/DescribeClusterRequest.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const DescribeClusterRequest: MessageSpec = {
  "apiKey": 60,
  "type": "request",
  "listeners": [
    "zkBroker",
    "broker",
    "controller"
  ],
  "name": "DescribeClusterRequest",
  "validVersions": "0-1",
  "flexibleVersions": "0+",
  "fields": [
    {
      "name": "IncludeClusterAuthorizedOperations",
      "type": "bool",
      "versions": "0+",
      "about": "Whether to include cluster authorized operations."
    },
    {
      "name": "EndpointType",
      "type": "int8",
      "versions": "1+",
      "default": "1",
      "about": "The endpoint type to describe. 1=brokers, 2=controllers."
    }
  ]
};
