/**
 * A reason the typed request cannot be searched, worded for the officer. Thrown inside the parser
 * and turned into `{ kind: 'invalid', reason }` by understandQuery, so each rule can stop the
 * reading at the point it knows what is wrong without threading results through every function.
 */
export class QueryProblem extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'QueryProblem';
  }
}

export function problem(reason: string): never {
  throw new QueryProblem(reason);
}
