/**
 * Joins the per-user socket to the trigger runner: a card field focused in a payment step becomes a counted
 * source, the step's end (submit, navigation away, tab closed) or the host's connection going away ends it, and
 * every change of the page state goes back to every connected extension.
 *
 * Contract: a source's key is `<connection>/<step id>`, so two tabs are two sources and a lost connection ends
 * exactly its own. A blur does not end the source: agents tab between the card fields and the name field, and
 * resuming there would record the security code. Events of a rule the current rules do not list, or while the
 * extension trigger is off, are ignored. Nothing of the message beyond kind, rule id and step id is used.
 */

import type {
  ExtensionToApp,
  PageRule,
  RulesMessage,
  StateMessage,
} from '../../contract/extension-protocol.ts';
import { EXTENSION_PROTOCOL_VERSION } from '../../contract/extension-protocol.ts';
import type { TriggerRules } from '../core/triggers/trigger-rules.ts';
import type { TriggerRunner } from '../core/triggers/trigger-runner.ts';
import type { HostConnection, SocketServerHandler } from './socket-server.ts';

/** The bridge: a socket handler plus the way to change rules and to stop. */
export interface ExtensionBridge {
  readonly handler: SocketServerHandler;
  /** Replaces the rules (sent to every extension); the caller has validated them. */
  setRules(rules: TriggerRules): void;
  stop(): void;
}

function pageRulesOf(rules: TriggerRules): PageRule[] {
  return rules.pages.map((page) => ({ id: page.id, url: page.url, selectors: [...page.selectors] }));
}

/** Creates the bridge for `runner` with the initial `rules`. */
export function createExtensionBridge(runner: TriggerRunner, initialRules: TriggerRules): ExtensionBridge {
  let rules = initialRules;
  const hosts = new Set<HostConnection>();
  const rulesMessage = (): RulesMessage => ({
    v: EXTENSION_PROTOCOL_VERSION,
    type: 'rules',
    pages: pageRulesOf(rules),
  });
  const stateMessage = (): StateMessage => ({
    v: EXTENSION_PROTOCOL_VERSION,
    type: 'state',
    state: runner.pageState,
  });
  const broadcast = (message: StateMessage): void => {
    for (const host of hosts) host.send(message);
  };
  const unsubscribe = runner.on((event) => {
    if (event.type === 'page-state') broadcast(stateMessage());
  });

  const onTrigger = (
    connection: HostConnection,
    message: Extract<ExtensionToApp, { type: 'trigger' }>,
  ): void => {
    if (!rules.triggers.extension || !rules.pages.some((page) => page.id === message.ruleId)) return;
    const key = `${connection.id}/${message.stepId}`;
    if (message.kind === 'field-focus') runner.sourceStart(key, 'extension', message.ruleId);
    else if (message.kind === 'submit' || message.kind === 'step-end') runner.sourceEnd(key);
  };

  const handler: SocketServerHandler = {
    onMessage(connection, message) {
      hosts.add(connection);
      if (message.type === 'hello') {
        connection.send(rulesMessage());
        connection.send(stateMessage());
        return;
      }
      onTrigger(connection, message);
    },
    onClose(connection) {
      hosts.delete(connection);
      runner.endSources(`${connection.id}/`);
    },
  };

  return {
    handler,
    setRules(next: TriggerRules): void {
      rules = next;
      for (const host of hosts) host.send(rulesMessage());
    },
    stop(): void {
      unsubscribe();
      hosts.clear();
    },
  };
}
