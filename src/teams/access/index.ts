import type { Application, TurnState } from '@microsoft/teams-ai';
import { registerAccessActions } from './actions';
import type { AccessRouteDeps } from './deps';

/** The access flow in Teams (issue 4): card actions, typed commands and proactive messages. */
export { handleAccessText, isAccessCommand, type AccessCommand } from './commands';
export type { AccessRouteDeps } from './deps';
export { TeamsAccessNotifier } from './notifier';
export { Proactive, type ContinuingAdapter } from './proactive';
export { RequestViews, type RequestViewsDeps } from './views';
export { createAccessFeature, type AccessFeature, type AccessFeatureOptions } from './feature';

export function registerAccessRoutes(app: Application<TurnState>, deps: AccessRouteDeps): void {
  registerAccessActions(app, deps);
}
