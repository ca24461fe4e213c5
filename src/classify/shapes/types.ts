/*
 * A report shape: one way a report announces its problems, causes or measures. `detect` finds the
 * units of the report in that shape (a section, a list, a paragraph); `take` turns one unit into
 * statements through ClassifyContext.add, recording the shape's id as the rule. Shapes run in the
 * order of src/classify/shapes/index.ts; a later shape never takes text an earlier one took.
 */
import type { ClassifyContext } from "../context.ts";

export interface Shape<Unit = unknown> {
  /** Rule id recorded on every statement the shape takes. */
  id: string;
  /** One line: the shape, as a reader would describe it. */
  description: string;
  detect(ctx: ClassifyContext): Unit[];
  take(ctx: ClassifyContext, unit: Unit): void;
}

/** Run one shape over a report. */
export function runShape<U>(shape: Shape<U>, ctx: ClassifyContext): void {
  for (const unit of shape.detect(ctx)) shape.take(ctx, unit);
}
