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

// ApiVersionsResponse.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/ApiVersionsResponse.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const ApiVersionsResponse: MessageSpec = {
  "apiKey": 18,
  "type": "response",
  "name": "ApiVersionsResponse",
  "validVersions": "0-4",
  "flexibleVersions": "3+",
  "fields": [
    {
      "name": "ErrorCode",
      "type": "int16",
      "versions": "0+",
      "about": "The top-level error code."
    },
    {
      "name": "ApiKeys",
      "type": "[]ApiVersion",
      "versions": "0+",
      "about": "The APIs supported by the broker.",
      "fields": [
        {
          "name": "ApiKey",
          "type": "int16",
          "versions": "0+",
          "mapKey": true,
          "about": "The API index."
        },
        {
          "name": "MinVersion",
          "type": "int16",
          "versions": "0+",
          "about": "The minimum supported version, inclusive."
        },
        {
          "name": "MaxVersion",
          "type": "int16",
          "versions": "0+",
          "about": "The maximum supported version, inclusive."
        }
      ]
    },
    {
      "name": "ThrottleTimeMs",
      "type": "int32",
      "versions": "1+",
      "ignorable": true,
      "about": "The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota."
    },
    {
      "name": "SupportedFeatures",
      "type": "[]SupportedFeatureKey",
      "ignorable": true,
      "versions": "3+",
      "tag": 0,
      "taggedVersions": "3+",
      "about": "Features supported by the broker. Note: in v0-v3, features with MinSupportedVersion = 0 are omitted.",
      "fields": [
        {
          "name": "Name",
          "type": "string",
          "versions": "3+",
          "mapKey": true,
          "about": "The name of the feature."
        },
        {
          "name": "MinVersion",
          "type": "int16",
          "versions": "3+",
          "about": "The minimum supported version for the feature."
        },
        {
          "name": "MaxVersion",
          "type": "int16",
          "versions": "3+",
          "about": "The maximum supported version for the feature."
        }
      ]
    },
    {
      "name": "FinalizedFeaturesEpoch",
      "type": "int64",
      "versions": "3+",
      "tag": 1,
      "taggedVersions": "3+",
      "default": "-1",
      "ignorable": true,
      "about": "The monotonically increasing epoch for the finalized features information. Valid values are >= 0. A value of -1 is special and represents unknown epoch."
    },
    {
      "name": "FinalizedFeatures",
      "type": "[]FinalizedFeatureKey",
      "ignorable": true,
      "versions": "3+",
      "tag": 2,
      "taggedVersions": "3+",
      "about": "List of cluster-wide finalized features. The information is valid only if FinalizedFeaturesEpoch >= 0.",
      "fields": [
        {
          "name": "Name",
          "type": "string",
          "versions": "3+",
          "mapKey": true,
          "about": "The name of the feature."
        },
        {
          "name": "MaxVersionLevel",
          "type": "int16",
          "versions": "3+",
          "about": "The cluster-wide finalized max version level for the feature."
        },
        {
          "name": "MinVersionLevel",
          "type": "int16",
          "versions": "3+",
          "about": "The cluster-wide finalized min version level for the feature."
        }
      ]
    },
    {
      "name": "ZkMigrationReady",
      "type": "bool",
      "versions": "3+",
      "taggedVersions": "3+",
      "tag": 3,
      "ignorable": true,
      "default": "false",
      "about": "Set by a KRaft controller if the required configurations for ZK migration are present"
    }
  ]
};
