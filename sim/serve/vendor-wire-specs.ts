// Vendors Kafka's message specs (clients/src/main/resources/common/message/*.json) into
// core/wire/specs/ as TypeScript modules, so core/ reads them without fs or JSON imports. Each
// file keeps the spec's Apache-2.0 license header; the other `//` comment lines (version
// histories) are dropped with the JSON they annotate kept whole. Run from a checkout:
//   node bin/run-ts.js sim/serve/vendor-wire-specs.ts /path/to/apache-kafka.git [commit]

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

const NAMES = [
  "RequestHeader", "ResponseHeader",
  "ApiVersionsRequest", "ApiVersionsResponse", "MetadataRequest", "MetadataResponse",
  "ProduceRequest", "ProduceResponse", "FetchRequest", "FetchResponse",
  "ListOffsetsRequest", "ListOffsetsResponse", "FindCoordinatorRequest", "FindCoordinatorResponse",
  "JoinGroupRequest", "JoinGroupResponse", "SyncGroupRequest", "SyncGroupResponse",
  "HeartbeatRequest", "HeartbeatResponse", "LeaveGroupRequest", "LeaveGroupResponse",
  "OffsetCommitRequest", "OffsetCommitResponse", "OffsetFetchRequest", "OffsetFetchResponse",
  "InitProducerIdRequest", "InitProducerIdResponse", "DescribeClusterRequest", "DescribeClusterResponse",
  "CreateTopicsRequest", "CreateTopicsResponse",
  "ConsumerProtocolSubscription", "ConsumerProtocolAssignment",
];

const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

function vendor(gitDir: string, commit: string, name: string): void {
  const path = `clients/src/main/resources/common/message/${name}.json`;
  const text = execFileSync("git", ["-C", gitDir, "show", `${commit}:${path}`], { encoding: "utf8" });
  const lines = text.split("\n");
  const license: string[] = [];
  for (const line of lines) {
    if (!line.startsWith("//")) break;
    license.push(line);
  }
  const json = lines.filter((l) => !l.trimStart().startsWith("//")).join("\n");
  const spec: unknown = JSON.parse(json);
  const out = [
    ...license,
    "",
    `// ${name}.json from apache/kafka ${commit} (${path}), vendored by sim/serve/vendor-wire-specs.ts.`,
    "",
    `import type { MessageSpec } from "../message-spec.ts";`,
    "",
    `export const ${name}: MessageSpec = ${JSON.stringify(spec, null, 2)};`,
    "",
  ];
  writeFileSync(new URL(`../../core/wire/specs/${kebab(name)}.ts`, import.meta.url), out.join("\n"));
}

const [gitDir, commitArg] = process.argv.slice(2);
if (gitDir === undefined) throw new Error("usage: vendor-wire-specs.ts GIT_DIR [COMMIT]");
const commit = commitArg ?? execFileSync("git", ["-C", gitDir, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
for (const name of NAMES) vendor(gitDir, commit, name);
