// The socket edge of `kafkasim serve`: one TCP listener on 127.0.0.1 per scenario broker (port,
// port + 1, ...), one RealClient node in the world per accepted connection. All of serve's
// wall-clock non-determinism is here: when bytes arrive decides the simulated time they enter
// at (the clock's current time; the pacer moves it), never anything in core/.
// A broker that is down (crashed, stopped, power lost) has its connections reset (RST, as
// the kernel answers for a dead process) and its port closed, so connecting is refused until it
// restarts. A partitioned broker keeps its sockets; its messages just stop (the network model),
// and a paused one answers late.

import { createServer, type Server, type Socket } from "node:net";
import { brokerNode } from "../../core/cluster-names.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import type { Timer } from "../../core/timer.ts";
import type { World } from "../world/world.ts";
import { FrameSplitter } from "./frame-splitter.ts";
import { RealClient, type ConnectionContext } from "./real-client.ts";

export const HOST = "127.0.0.1";

interface Listener {
  readonly brokerId: number;
  readonly port: number;
  server: Server | null;
  readonly sockets: Set<Socket>;
}

export class WireServer {
  private readonly listeners: Listener[];
  private connections = 0;
  /** Connections accepted so far (the first one marks when clients arrived). */
  get accepted(): number {
    return this.connections;
  }

  constructor(
    private readonly world: World<KafkaMessage, Timer>,
    brokerIds: readonly number[],
    private readonly basePort: number,
    private readonly ctx: ConnectionContext,
    private readonly log: (line: string) => void,
  ) {
    this.listeners = brokerIds.map((id, i) => ({ brokerId: id, port: basePort + i, server: null, sockets: new Set() }));
  }

  portOf(brokerId: number): number {
    return this.basePort + brokerId - 1;
  }

  /** Opens the listeners of the brokers that are up; if one cannot listen, closes the others and throws. */
  async open(): Promise<void> {
    const results = await Promise.allSettled(this.listeners.map((l) => (this.isUp(l) ? this.listen(l) : Promise.resolve())));
    const failed = results.find((r) => r.status === "rejected");
    if (failed === undefined) return;
    this.close();
    throw failed.reason;
  }

  private isUp(l: Listener): boolean {
    return this.world.stateOf(brokerNode(l.brokerId)) !== "down";
  }

  private listen(l: Listener): Promise<void> {
    const server = createServer((socket) => this.accept(l, socket));
    l.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(l.port, HOST, () => {
        server.off("error", reject);
        server.on("error", (e) => this.log(`broker ${l.brokerId} listener: ${e.message}`));
        resolve();
      });
    });
  }

  private shut(l: Listener, reset: boolean): void {
    for (const s of l.sockets) {
      if (reset) s.resetAndDestroy();
      else s.destroy();
    }
    l.sockets.clear();
    l.server?.close();
    l.server = null;
  }

  /** After the simulation advanced: follow each broker's process state. */
  sync(): void {
    for (const l of this.listeners) {
      const up = this.isUp(l);
      if (!up && l.server !== null) {
        this.log(`broker ${l.brokerId} is down: resetting its ${l.sockets.size} connection(s), refusing new ones`);
        this.shut(l, true);
      } else if (up && l.server === null) {
        this.listen(l).then(
          () => this.log(`broker ${l.brokerId} is up: listening on ${HOST}:${l.port}`),
          (e: Error) => this.log(`broker ${l.brokerId} could not listen again: ${e.message}`),
        );
      }
    }
  }

  /** Closes every socket and listener (the end of a session). */
  close(): void {
    for (const l of this.listeners) this.shut(l, false);
  }

  private accept(l: Listener, socket: Socket): void {
    const name = `real-client-${++this.connections}`;
    l.sockets.add(socket);
    socket.setNoDelay(true);
    let node: RealClient | null = null;
    let open = true;
    const end = (reason: string | null): void => {
      if (!open) return;
      open = false;
      if (reason !== null) this.log(`${name} (broker ${l.brokerId}): closing: ${reason}`);
      l.sockets.delete(socket);
      socket.destroy();
      // The node leaves the world with its connection; queued answers to it are dropped.
      this.world.scheduler.after(0, () => this.world.crash(name));
    };
    node = new RealClient(brokerNode(l.brokerId), { write: (frame) => open && socket.write(frame), close: (reason) => end(reason) }, this.ctx);
    const client = node;
    this.world.addNode(name, () => client);
    this.world.start(name);
    const splitter = new FrameSplitter();
    socket.on("data", (chunk: Buffer) => {
      let frames: Uint8Array[];
      try {
        frames = splitter.push(chunk);
      } catch (e) {
        return end((e as Error).message);
      }
      for (const frame of frames) this.world.scheduler.after(0, () => client.receive(frame));
    });
    socket.on("error", () => end(null));
    socket.on("close", () => end(null));
  }
}
