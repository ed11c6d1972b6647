/**
 * How the session controller gets a core: one function, so tests can shorten
 * the core's timings and compliance can wrap it, while the controller stays
 * the only owner of its life. An extra CA file is checked here, before a core
 * is built ({@link caFileProblem}): a file that holds no PEM certificate fails
 * the sign-in at once with a message naming it (the `config` code), instead of
 * a TLS error later that names nothing.
 */

import { createAgentCore, type AgentCore, type AgentCoreOptions } from '../../core/agent-core.ts';
import { withCompliance, type ComplianceOptions } from '../../core/compliance/with-compliance.ts';
import type { Transport } from '../../../contract/ipc-contract.ts';
import type { AppCore } from '../ports/core-port.ts';
import type { LoggerPort } from '../ports/app-ports.ts';
import { caFileProblem } from '../policies/settings.ts';

/** Username plus an on-demand password source (the core's `Credentials`). */
export interface CoreCredentials {
  username: string;
  /** Read at each (re)sign-in; nothing keeps the string for the core's life. */
  getPassword(): string | Promise<string>;
}

/** What one sign-in needs to build a core. */
export interface CoreConfig {
  serverUrl: string;
  credentials: CoreCredentials;
  transport: Transport;
  /** PEM file added to the default roots. */
  extraCaFile?: string;
  proxyUrl?: string;
  logger?: LoggerPort;
  /** True for the embedded simulator (demo mode). */
  demo: boolean;
}

/**
 * Builds a core for `config`; may throw for an unusable setting (bad URL, a
 * CA file that is unreadable or holds no PEM certificate) with a message
 * naming it: the controller reports that as the `config` failure code.
 */
export type CoreFactory = (config: CoreConfig) => AppCore;

/**
 * The production factory: `createAgentCore` with `extra` options (tests pass
 * shorter timeouts), then `decorate` (e.g. compliance's `withCompliance`).
 */
export function agentCoreFactory(
  extra: Partial<AgentCoreOptions> = {},
  decorate: (core: AgentCore, config: CoreConfig) => AppCore = (core) => core,
): CoreFactory {
  return (config) => {
    const caProblem = config.extraCaFile ? caFileProblem(config.extraCaFile) : undefined;
    if (caProblem) throw new Error(caProblem);
    const core = createAgentCore({
      serverUrl: config.serverUrl,
      credentials: config.credentials,
      transport: config.transport,
      ...(config.extraCaFile ? { extraCaFile: config.extraCaFile } : {}),
      ...(config.proxyUrl ? { proxyUrl: config.proxyUrl } : {}),
      ...(config.logger ? { logger: config.logger } : {}),
      ...extra,
    });
    return decorate(core, config);
  };
}

/**
 * A `decorate` for {@link agentCoreFactory} that wraps each core with
 * compliance (reminders, auto-resume, audit). `options` is read at each sign-in,
 * so reminder and auto-resume settings apply from the next sign-in on; it may
 * answer differently for the demo (`config.demo`), e.g. without an audit log.
 */
export function complianceDecorator(
  options: (config: CoreConfig) => ComplianceOptions,
): (core: AgentCore, config: CoreConfig) => AppCore {
  return (core, config) => withCompliance(core, options(config));
}
