import type { BoxClient } from 'box-node-sdk';

/** What every part of the gateway shares: the SDK client and the enterprise it works in. */
export interface BoxContext {
  client: BoxClient;
  enterpriseId: string;
  /** `enterprise_<id>`: the scope of the cctvFootage template in queries and query results. */
  scope: string;
}
