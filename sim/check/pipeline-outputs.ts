// Which input record each pipeline output came from: two columns indexed by the output's rid
// (the input's rid + 1, and the pipeline's index + 1; 0 where a rid is no pipeline output),
// filled as the instances produce, outside their processes (a crash does not erase them).

import type { RecordIds } from "../workload/record-source.ts";
import { ChunkedColumn } from "./chunked-column.ts";

export class PipelineOutputs {
  private readonly input = new ChunkedColumn(Int32Array);
  private readonly pipeline = new ChunkedColumn(Uint16Array);

  constructor(private readonly ids: RecordIds) {}

  /** A new rid for pipeline `index`'s output of `inputRid`. */
  outputOf(index: number, inputRid: number): number {
    const rid = this.ids.take();
    this.input.set(rid, inputRid + 1);
    this.pipeline.set(rid, index + 1);
    return rid;
  }

  /** The input rid of output `rid`, -1 when `rid` is not an output of pipeline `index`. */
  inputOf(index: number, rid: number): number {
    return this.pipeline.get(rid) === index + 1 ? this.input.get(rid) - 1 : -1;
  }
}
