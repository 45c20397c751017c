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

// FetchResponse.json from apache/kafka 1eb7644349cb07139d6a3c1ad1986979647cac99 (clients/src/main/resources/common/message/FetchResponse.json), vendored by sim/serve/vendor-wire-specs.ts.

import type { MessageSpec } from "../message-spec.ts";

export const FetchResponse: MessageSpec = {
  "apiKey": 1,
  "type": "response",
  "name": "FetchResponse",
  "validVersions": "0-17",
  "flexibleVersions": "12+",
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
      "versions": "7+",
      "ignorable": true,
      "about": "The top level response error code."
    },
    {
      "name": "SessionId",
      "type": "int32",
      "versions": "7+",
      "default": "0",
      "ignorable": false,
      "about": "The fetch session ID, or 0 if this is not part of a fetch session."
    },
    {
      "name": "Responses",
      "type": "[]FetchableTopicResponse",
      "versions": "0+",
      "about": "The response topics.",
      "fields": [
        {
          "name": "Topic",
          "type": "string",
          "versions": "0-12",
          "ignorable": true,
          "entityType": "topicName",
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
          "type": "[]PartitionData",
          "versions": "0+",
          "about": "The topic partitions.",
          "fields": [
            {
              "name": "PartitionIndex",
              "type": "int32",
              "versions": "0+",
              "about": "The partition index."
            },
            {
              "name": "ErrorCode",
              "type": "int16",
              "versions": "0+",
              "about": "The error code, or 0 if there was no fetch error."
            },
            {
              "name": "HighWatermark",
              "type": "int64",
              "versions": "0+",
              "about": "The current high water mark."
            },
            {
              "name": "LastStableOffset",
              "type": "int64",
              "versions": "4+",
              "default": "-1",
              "ignorable": true,
              "about": "The last stable offset (or LSO) of the partition. This is the last offset such that the state of all transactional records prior to this offset have been decided (ABORTED or COMMITTED)"
            },
            {
              "name": "LogStartOffset",
              "type": "int64",
              "versions": "5+",
              "default": "-1",
              "ignorable": true,
              "about": "The current log start offset."
            },
            {
              "name": "DivergingEpoch",
              "type": "EpochEndOffset",
              "versions": "12+",
              "taggedVersions": "12+",
              "tag": 0,
              "about": "In case divergence is detected based on the `LastFetchedEpoch` and `FetchOffset` in the request, this field indicates the largest epoch and its end offset such that subsequent records are known to diverge",
              "fields": [
                {
                  "name": "Epoch",
                  "type": "int32",
                  "versions": "12+",
                  "default": "-1"
                },
                {
                  "name": "EndOffset",
                  "type": "int64",
                  "versions": "12+",
                  "default": "-1"
                }
              ]
            },
            {
              "name": "CurrentLeader",
              "type": "LeaderIdAndEpoch",
              "versions": "12+",
              "taggedVersions": "12+",
              "tag": 1,
              "fields": [
                {
                  "name": "LeaderId",
                  "type": "int32",
                  "versions": "12+",
                  "default": "-1",
                  "entityType": "brokerId",
                  "about": "The ID of the current leader or -1 if the leader is unknown."
                },
                {
                  "name": "LeaderEpoch",
                  "type": "int32",
                  "versions": "12+",
                  "default": "-1",
                  "about": "The latest known leader epoch"
                }
              ]
            },
            {
              "name": "SnapshotId",
              "type": "SnapshotId",
              "versions": "12+",
              "taggedVersions": "12+",
              "tag": 2,
              "about": "In the case of fetching an offset less than the LogStartOffset, this is the end offset and epoch that should be used in the FetchSnapshot request.",
              "fields": [
                {
                  "name": "EndOffset",
                  "type": "int64",
                  "versions": "0+",
                  "default": "-1"
                },
                {
                  "name": "Epoch",
                  "type": "int32",
                  "versions": "0+",
                  "default": "-1"
                }
              ]
            },
            {
              "name": "AbortedTransactions",
              "type": "[]AbortedTransaction",
              "versions": "4+",
              "nullableVersions": "4+",
              "ignorable": true,
              "about": "The aborted transactions.",
              "fields": [
                {
                  "name": "ProducerId",
                  "type": "int64",
                  "versions": "4+",
                  "entityType": "producerId",
                  "about": "The producer id associated with the aborted transaction."
                },
                {
                  "name": "FirstOffset",
                  "type": "int64",
                  "versions": "4+",
                  "about": "The first offset in the aborted transaction."
                }
              ]
            },
            {
              "name": "PreferredReadReplica",
              "type": "int32",
              "versions": "11+",
              "default": "-1",
              "ignorable": false,
              "entityType": "brokerId",
              "about": "The preferred read replica for the consumer to use on its next fetch request"
            },
            {
              "name": "Records",
              "type": "records",
              "versions": "0+",
              "nullableVersions": "0+",
              "about": "The record data."
            }
          ]
        }
      ]
    },
    {
      "name": "NodeEndpoints",
      "type": "[]NodeEndpoint",
      "versions": "16+",
      "taggedVersions": "16+",
      "tag": 0,
      "about": "Endpoints for all current-leaders enumerated in PartitionData, with errors NOT_LEADER_OR_FOLLOWER & FENCED_LEADER_EPOCH.",
      "fields": [
        {
          "name": "NodeId",
          "type": "int32",
          "versions": "16+",
          "mapKey": true,
          "entityType": "brokerId",
          "about": "The ID of the associated node."
        },
        {
          "name": "Host",
          "type": "string",
          "versions": "16+",
          "about": "The node's hostname."
        },
        {
          "name": "Port",
          "type": "int32",
          "versions": "16+",
          "about": "The node's port."
        },
        {
          "name": "Rack",
          "type": "string",
          "versions": "16+",
          "nullableVersions": "16+",
          "default": "null",
          "about": "The rack of the node, or null if it has not been assigned to a rack."
        }
      ]
    }
  ]
};
