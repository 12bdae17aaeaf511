/**
 * Internal: a statement element is refused. `parseStatement` adds the statement's location and
 * turns it into a `PolicyValidationError`, so element parsers need not know where they are.
 */
export class ElementProblem extends Error {
  override readonly name = 'ElementProblem';
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(detail);
  }
}
