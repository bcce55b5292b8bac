/**
 * `@playauth/testing/contract`: the Aliplayer contract's scenarios, for checking an Aliplayer
 * implementation (a fake of your own, or the real SDK in a browser page) against the behaviour
 * playauth relies on: `runAliplayerScenario`, `ALIPLAYER_SCENARIOS`, `CONTRACT_EVENT_ORDER`,
 * `nextEvent` and their types. Framework-free: they run anywhere and return what they observed.
 * The Vitest suite and assertions over them are `@playauth/testing/contract/vitest`.
 */
export * from './aliplayerScenarios';
