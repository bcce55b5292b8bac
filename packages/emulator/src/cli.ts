#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startVodEmulator } from './startVodEmulator';

const HELP = `Usage: playauth-emulator [options]

A local ApsaraVideo VOD (GetVideoPlayAuth, GetPlayInfo, media) for development and tests.

Options:
  --port <n>        Port to listen on; 0 picks a free one (default 9000)
  --host <addr>     Interface to listen on (default 127.0.0.1)
  --allow-remote    Allow a non-loopback --host (the development keys are public!)
  --region <id>     Region reported in PlayAuths (default cn-shanghai)
  --renditions      Serve MP4 + HLS in LD/SD and the HLS-encrypted video (needs ffmpeg)
  --decrypt-service-url <url>
                    Your HLS decryption service (createHlsDecryptHandler), written into
                    encrypted playlists as the key URI
  --quiet           Do not log requests
  -h, --help        Show this help
`;

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/;

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse().values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be an integer from 0 to 65535, got "${values.port}"\n`);
    process.exitCode = 2;
    return;
  }
  const host = values.host;
  if (!LOOPBACK.test(host) && !values['allow-remote']) {
    process.stderr.write(
      `Refusing to listen on ${host}: the emulator's development keys are printed and public. ` +
        'Use a loopback address, or add --allow-remote if you really mean it.\n',
    );
    process.exitCode = 2;
    return;
  }

  const decryptServiceUrl = values['decrypt-service-url'];
  if (decryptServiceUrl !== undefined && !/^https?:\/\/[^\s"#]+$/.test(decryptServiceUrl)) {
    process.stderr.write(
      `--decrypt-service-url must be an absolute http(s) URL, got "${decryptServiceUrl.slice(0, 80)}"\n`,
    );
    process.exitCode = 2;
    return;
  }
  const emulator = await startVodEmulator({
    host,
    port,
    region: values.region,
    renditions: values.renditions,
    ...(decryptServiceUrl === undefined ? {} : { decryptServiceUrl }),
    log: values.quiet ? false : (line) => process.stdout.write(`  ${line}\n`),
  });
  const lines = [
    `playauth-emulator listening on ${emulator.url}`,
    `  region:          ${emulator.region}`,
    `  AccessKeyId:     ${emulator.accessKeyId}`,
    `  AccessKeySecret: ${emulator.accessKeySecret}`,
    '  (development keys: they only work against this emulator)',
    `  renditions:      ${values.renditions ? 'MP4 + HLS in LD/SD (ffmpeg)' : 'off (one MP4 per video; --renditions for HLS)'}`,
    ...(values.renditions
      ? [
          `  KMS key id:      ${emulator.kmsKeyId}`,
          `  decrypt service: ${decryptServiceUrl ?? 'not configured (--decrypt-service-url)'}`,
        ]
      : []),
    '  videos:',
    ...emulator.videos.map(
      (v) =>
        `    ${v.videoId}  ${v.status.padEnd(11)} ${v.title}${v.encryption && !values.renditions ? ' (needs --renditions)' : ''}`,
    ),
    '  Press Ctrl-C to stop.',
  ];

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: closing\n`);
    // Bounded: a stuck close must not keep the terminal hostage.
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    emulator.close().then(
      () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Printed last: whoever waits for the URL may signal at once, and the handlers are in place.
  process.stdout.write(`${lines.join('\n')}\n`);
}

function parse() {
  return parseArgs({
    options: {
      port: { type: 'string', default: '9000' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-remote': { type: 'boolean', default: false },
      region: { type: 'string', default: 'cn-shanghai' },
      quiet: { type: 'boolean', default: false },
      renditions: { type: 'boolean', default: false },
      'decrypt-service-url': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`playauth-emulator: ${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
});
