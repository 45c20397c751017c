// kcat (librdkafka 2.x, Debian's package) against `kafkasim serve`: metadata (-L), producing
// (-P, plain and gzip) and consuming (-C -e), with keys and headers coming back byte for byte,
// and the summary counting what kcat was acknowledged.
import { describe, expect, it } from "vitest";
import { KCAT, run, serveDuring } from "./serve-harness.ts";

const SCENARIO = "test/serve/three-brokers.yaml";

describe.skipIf(KCAT === null)("kcat against kafkasim serve", () => {
  const serve = serveDuring(SCENARIO);
  const kcat = (args: string[], input?: string) => run(KCAT!, ["-b", `127.0.0.1:${serve().port}`, ...args], input);

  it("kcat -L lists the three brokers at their ports and the topic's leaders", async () => {
    const r = await kcat(["-L"]);
    expect(r.code).toBe(0);
    for (let id = 1; id <= 3; id++) expect(r.stdout).toContain(`broker ${id} at 127.0.0.1:${serve().port + id - 1}`);
    expect(r.stdout).toContain('topic "orders" with 3 partitions');
    expect(r.stdout).toMatch(/partition 0, leader 1, replicas: 1,2,3, isrs: 1,2,3/);
  });

  it("kcat -P writes keyed records with headers that kcat -C reads back byte for byte", async () => {
    const p = await kcat(["-P", "-t", "orders", "-p", "1", "-K", ":", "-H", "trace=abc"], "k1:hello\nk2:wörld\n:no-key\n");
    expect(p.code).toBe(0);
    const c = await kcat(["-C", "-t", "orders", "-p", "1", "-o", "beginning", "-e", "-f", "%k|%s|%h|%o\\n"]);
    expect(c.code).toBe(0);
    expect(c.stdout).toBe("k1|hello|trace=abc|0\nk2|wörld|trace=abc|1\n|no-key|trace=abc|2\n");
  });

  it("a gzip batch (kcat -z gzip) round-trips", async () => {
    const p = await kcat(["-P", "-t", "orders", "-p", "2", "-z", "gzip"], "a\nb\nc\n");
    expect(p.code).toBe(0);
    const c = await kcat(["-C", "-t", "orders", "-p", "2", "-o", "beginning", "-e", "-f", "%s@%o\\n"]);
    expect(c.stdout).toBe("a@0\nb@1\nc@2\n");
  });

  it("the summary counts kcat's acknowledged records and loses none of them", async () => {
    serve().session.stop();
    const summary = await serve().done;
    expect(summary.produced.acknowledged).toBe(6);
    expect(summary.durability.acknowledgedLost).toBe(0);
    expect(summary.durability.duplicates).toBe(0);
    const records = summary.partitions.filter((p) => p.topic === "orders").map((p) => p.records);
    expect(records).toEqual([0, 3, 3]);
    expect(serve().logs.filter((l) => l.includes("malformed"))).toEqual([]);
  });
});

if (KCAT === null) console.warn("kcat is not installed (apt-get install -y kcat; .ci/run installs it): the kcat tests are skipped");
