import type { CreateVodClientOptions } from './createVodClient';
import { VodApiError } from './VodApiError';

/** Environment variables {@link fromEnv} reads. */
export type VodEnv = Record<string, string | undefined>;

/**
 * Reads VOD client options from the environment, the variable names of Alibaba Cloud's own
 * credential chain:
 *
 * - `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` (required);
 * - `ALIBABA_CLOUD_SECURITY_TOKEN` (optional, for STS credentials);
 * - `VOD_REGION` (optional; default `cn-shanghai`).
 *
 * Pass the result to {@link createVodClient}, adding options as needed.
 *
 * @param env - Where to read from. Default: `process.env` when there is one. On edge runtimes,
 *   pass the platform's env object.
 * @throws {@link VodApiError} `InvalidConfiguration` naming the first missing variable.
 * @example
 * ```ts
 * const vod = createVodClient({ ...fromEnv(), timeoutMs: 3000 });
 * ```
 */
export function fromEnv(
  env: VodEnv | undefined = (globalThis as { process?: { env?: VodEnv } }).process?.env,
): CreateVodClientOptions {
  const read = (name: string) => {
    const value = env?.[name]?.trim();
    return value === '' ? undefined : value;
  };
  const required = (name: string) => {
    const value = read(name);
    if (value === undefined) {
      throw new VodApiError(
        'InvalidConfiguration',
        `fromEnv: ${name} is not set; set it to the ${name.endsWith('_ID') ? 'AccessKey id' : 'AccessKey secret'} of a RAM user (or STS credentials) allowed only vod:GetVideoPlayAuth`,
      );
    }
    return value;
  };
  const options: CreateVodClientOptions = {
    accessKeyId: required('ALIBABA_CLOUD_ACCESS_KEY_ID'),
    accessKeySecret: required('ALIBABA_CLOUD_ACCESS_KEY_SECRET'),
  };
  const securityToken = read('ALIBABA_CLOUD_SECURITY_TOKEN');
  if (securityToken !== undefined) options.securityToken = securityToken;
  const region = read('VOD_REGION');
  if (region !== undefined) options.region = region;
  return options;
}
