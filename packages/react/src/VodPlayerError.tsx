import { isPlayAuthError } from '@playauth/core';
import type { ReactNode } from 'react';
import type { VodPlayerMessages } from './messages';
import { overlayText } from './VodPlayerCover';

/** Which error state `<VodPlayer>` shows; each has its own message in {@link VodPlayerMessages}. */
export type VodPlayerErrorKind =
  | 'notReady'
  | 'notFound'
  | 'unreachable'
  | 'sdk'
  | 'license'
  | 'renewalLimit'
  | 'key'
  | 'error';

/** What a `renderError` prop receives. */
export interface VodPlayerErrorState {
  /** The typed error (`PlayAuthError` or `PlayerError`); its `message` says what to do. */
  error: Error;
  kind: VodPlayerErrorKind;
  /** The localised default message for `kind`. */
  message: string;
  /** Tries again in place (refetch, reload the SDK or renew the player); never reloads the page. */
  retry: () => void;
}

/**
 * Sorts an error from the credential fetch, the SDK loader or the player into a
 * {@link VodPlayerErrorKind}.
 */
export function vodPlayerErrorKind(error: unknown): VodPlayerErrorKind {
  if (!isPlayAuthError(error)) return 'error';
  const { code } = error;
  const kind = (error as { kind?: string }).kind;
  if (code === 'Forbidden.IllegalStatus') return 'notReady';
  if (code === 'InvalidVideo.NotFound' || kind === 'notFound') return 'notFound';
  // The loader's errors (`SdkLoadFailed`, `SdkUnavailable`) are PlayerErrors of kind `sdk`.
  if (kind === 'sdk' || kind === 'license' || kind === 'renewalLimit' || kind === 'key') {
    return kind;
  }
  if (error.retryable || kind === 'network') return 'unreachable';
  return 'error';
}

/** Props of {@link VodPlayerError}. */
export interface VodPlayerErrorProps {
  error: Error;
  messages: VodPlayerMessages;
  onRetry: () => void;
  /** Replaces the default alert's content (the alert container stays, for its role). */
  render?: (state: VodPlayerErrorState) => ReactNode;
}

/**
 * The error state of `<VodPlayer>`: an overlay with `role="alert"`, the message for the error's
 * kind and a retry button (licence errors name the domain to licence). Theming: the overlay
 * carries `data-playauth-error="<kind>"`; `--playauth-alert-background` (default
 * `rgba(0,0,0,0.85)`), `--playauth-color` and `--playauth-font` style it.
 *
 * @example
 * ```tsx
 * <VodPlayerError error={error} messages={defaultVodPlayerMessages} onRetry={() => refetch()} />
 * ```
 */
export function VodPlayerError({ error, messages, onRetry, render }: VodPlayerErrorProps) {
  const kind = vodPlayerErrorKind(error);
  // Errors only exist after effects ran, so `location` is the browser's here.
  const message =
    kind === 'license' ? messages.license(globalThis.location?.hostname ?? '') : messages[kind];
  const retry = () => onRetry();
  return (
    <div
      role="alert"
      data-playauth-error={kind}
      data-code={isPlayAuthError(error) ? error.code : undefined}
      style={{
        position: 'absolute',
        inset: 0,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        gap: '0.75em',
        padding: '1em',
        textAlign: 'center',
        background: 'var(--playauth-alert-background,rgba(0,0,0,0.85))',
        ...overlayText,
      }}
    >
      {render ? (
        render({ error, kind, message, retry })
      ) : (
        <>
          <p style={{ margin: 0 }}>{message}</p>
          <button type="button" onClick={retry}>
            {messages.retry}
          </button>
        </>
      )}
    </div>
  );
}
