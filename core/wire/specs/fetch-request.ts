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

// FetchRequest.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/FetchRequest.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const FetchRequest: MessageSpec = {
  "apiKey": 1,
  "type": "request",
  "listeners": [
    "zkBroker",
    "broker",
    "controller"
  ],
  "name": "FetchRequest",
  "validVersions": "0-17",
  "deprecatedVersions": "0-3",
  "flexibleVersions": "12+",
  "fields": [
    {
      "name": "ClusterId",
      "type": "string",
      "versions": "12+",
      "nullableVersions": "12+",
      "default": "null",
      "taggedVersions": "12+",
      "tag": 0,
      "ignorable": true,
      "about": "The clusterId if known. This is used to validate metadata fetches prior to broker registration."
    },
    {
      "name": "ReplicaId",
      "type": "int32",
      "versions": "0-14",
      "default": "-1",
      "entityType": "brokerId",
      "about": "The broker ID of the follower, of -1 if this request is from a consumer."
    },
    {
      "name": "ReplicaState",
      "type": "ReplicaState",
      "versions": "15+",
      "taggedVersions": "15+",
      "tag": 1,
      "fields": [
        {
          "name": "ReplicaId",
          "type": "int32",
          "versions": "15+",
          "default": "-1",
          "entityType": "brokerId",
          "about": "The replica ID of the follower, or -1 if this request is from a consumer."
        },
        {
          "name": "ReplicaEpoch",
          "type": "int64",
          "versions": "15+",
          "default": "-1",
          "about": "The epoch of this follower, or -1 if not available."
        }
      ]
    },
    {
      "name": "MaxWaitMs",
      "type": "int32",
      "versions": "0+",
      "about": "The maximum time in milliseconds to wait for the response."
    },
    {
      "name": "MinBytes",
      "type": "int32",
      "versions": "0+",
      "about": "The minimum bytes to accumulate in the response."
    },
    {
      "name": "MaxBytes",
      "type": "int32",
      "versions": "3+",
      "default": "0x7fffffff",
      "ignorable": true,
      "about": "The maximum bytes to fetch.  See KIP-74 for cases where this limit may not be honored."
    },
    {
      "name": "IsolationLevel",
      "type": "int8",
      "versions": "4+",
      "default": "0",
      "ignorable": true,
      "about": "This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records"
    },
    {
      "name": "SessionId",
      "type": "int32",
      "versions": "7+",
      "default": "0",
      "ignorable": true,
      "about": "The fetch session ID."
    },
    {
      "name": "SessionEpoch",
      "type": "int32",
      "versions": "7+",
      "default": "-1",
      "ignorable": true,
      "about": "The fetch session epoch, which is used for ordering requests in a session."
    },
    {
      "name": "Topics",
      "type": "[]FetchTopic",
      "versions": "0+",
      "about": "The topics to fetch.",
      "fields": [
        {
          "name": "Topic",
          "type": "string",
          "versions": "0-12",
          "entityType": "topicName",
          "ignorable": true,
          "about": "The name of the topic to fetch."
        },
        {
          "name": "TopicId",
          "type": "uuid",
          "versions": "13+",
          "ignorable": true,
          "about": "The unique topic ID"
        },
        {
          "name": "Partitions",
          "type": "[]FetchPartition",
          "versions": "0+",
          "about": "The partitions to fetch.",
          "fields": [
            {
              "name": "Partition",
              "type": "int32",
              "versions": "0+",
              "about": "The partition index."
            },
            {
              "name": "CurrentLeaderEpoch",
              "type": "int32",
              "versions": "9+",
              "default": "-1",
              "ignorable": true,
              "about": "The current leader epoch of the partition."
            },
            {
              "name": "FetchOffset",
              "type": "int64",
              "versions": "0+",
              "about": "The message offset."
            },
            {
              "name": "LastFetchedEpoch",
              "type": "int32",
              "versions": "12+",
              "default": "-1",
              "ignorable": false,
              "about": "The epoch of the last fetched record or -1 if there is none"
            },
            {
              "name": "LogStartOffset",
              "type": "int64",
              "versions": "5+",
              "default": "-1",
              "ignorable": true,
              "about": "The earliest available offset of the follower replica.  The field is only used when the request is sent by the follower."
            },
            {
              "name": "PartitionMaxBytes",
              "type": "int32",
              "versions": "0+",
              "about": "The maximum bytes to fetch from this partition.  See KIP-74 for cases where this limit may not be honored."
            },
            {
              "name": "ReplicaDirectoryId",
              "type": "uuid",
              "versions": "17+",
              "taggedVersions": "17+",
              "tag": 0,
              "ignorable": true,
              "about": "The directory id of the follower fetching"
            }
          ]
        }
      ]
    },
    {
      "name": "ForgottenTopicsData",
      "type": "[]ForgottenTopic",
      "versions": "7+",
      "ignorable": false,
      "about": "In an incremental fetch request, the partitions to remove.",
      "fields": [
        {
          "name": "Topic",
          "type": "string",
          "versions": "7-12",
          "entityType": "topicName",
          "ignorable": true,
          "about": "The topic name."
        },
        {
          "name": "TopicId",
          "type": "uuid",
          "versions": "13+",
          "ignorable": true,
          "about": "The unique topic ID"
        },
        {
          "name": "Partitions",
          "type": "[]int32",
          "versions": "7+",
          "about": "The partitions indexes to forget."
        }
      ]
    },
    {
      "name": "RackId",
      "type": "string",
      "versions": "11+",
      "default": "",
      "ignorable": true,
      "about": "Rack ID of the consumer making this request"
    }
  ]
};
