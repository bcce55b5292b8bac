/**
 * `@playauth/testing/contract`: the Aliplayer contract, for checking an Aliplayer implementation
 * (a fake of your own, or the real SDK in a browser) against the behaviour playauth relies on.
 * The scenarios are framework-free; `describeAliplayerContract` and `expectAliplayerContract`
 * need Vitest.
 */
export {
  type AliplayerContractEnvironment,
  describeAliplayerContract,
  expectAliplayerContract,
} from './aliplayerContract';
export {
  ALIPLAYER_SCENARIOS,
  type AliplayerContractFixture,
  type AliplayerObservations,
  type AliplayerScenario,
  CONTRACT_EVENT_ORDER,
  runAliplayerScenario,
} from './aliplayerScenarios';
