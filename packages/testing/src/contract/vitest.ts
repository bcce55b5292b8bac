/**
 * `@playauth/testing/contract/vitest`: the Aliplayer contract as a Vitest suite
 * (`describeAliplayerContract`) and its assertions (`expectAliplayerContract`), for observations
 * made here or in a browser page. Needs `vitest`.
 */
export {
  type AliplayerContractEnvironment,
  type AliplayerContractFixture,
  describeAliplayerContract,
  expectAliplayerContract,
} from './aliplayerContract';
