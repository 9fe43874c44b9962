/**
 * Engine adapters: run any implementation — a subprocess speaking protocol 1.x, an in-process
 * module, an HTTP service — behind one {@link EngineHandle}.
 *
 * @see docs/protocol.md
 */
export { openEngine, parseImpl, EngineStartError, type EngineHandle, type EngineStats, type ImplSpec, type OpenOptions } from './openEngine.ts';
export { FEATURES, FEATURE_RULES, missingFeatures, requiredFeatures, sendsCertificates, stepRefusal, type Feature } from './features.ts';
export { hasReplyCertificate, replyCertificate } from '../certificate/replyCertificate.ts';
export { PROTOCOL_VERSION, compatibleVersion, parseHelloOk, type EngineInfo, type StepAnswer, type StepPayload } from './protocol.ts';
export { splitCommand } from './splitCommand.ts';
export { killAllEngineGroups } from './subprocessEngine.ts';
