/**
 * The connection pool for Box calls. The SDK's default agent (proxy-agent) decides per request
 * whether a proxy applies, and in doing so (agent-base) builds a stack trace per request to tell
 * http from https: CPU on every Box call of every turn. With no proxy configured in the environment
 * its answer is always "no proxy", so plain keep-alive agents do the same job without the cost;
 * with any proxy variable set the SDK's agent is kept, so proxies (and NO_PROXY) work as before.
 */
import http from 'node:http';
import https from 'node:https';

/** What node-fetch takes as an agent: one per URL. */
export type AgentForUrl = (url: URL) => http.Agent;

/** Plain keep-alive agents, or undefined when a proxy variable is set (keep the SDK's agent). */
export function directAgentUnlessProxied(env: NodeJS.ProcessEnv = process.env): AgentForUrl | undefined {
  const proxied = Object.entries(env).some(([name, value]) => {
    const key = name.toLowerCase();
    return Boolean(value) && key.endsWith('proxy') && key !== 'no_proxy' && !key.startsWith('npm_config_no');
  });
  if (proxied) return undefined;
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  return (url) => (url.protocol === 'https:' ? httpsAgent : httpAgent);
}
