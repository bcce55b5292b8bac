import { useQuery } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { expect, it } from 'vitest';
import { PlayAuthProvider } from '../PlayAuthProvider';

// Runs in both dom projects: `dom` (React 19, the root's) and `dom-react18` (React 18 from
// dev/react18). One React instance is shared by our code, react-dom, Testing Library and
// TanStack Query in each, or hooks would throw.
const expected =
  (globalThis as { __vitest_worker__?: { ctx?: { projectName?: string } } }).__vitest_worker__?.ctx
    ?.projectName === 'dom-react18'
    ? '18.'
    : '19.';

function Probe() {
  const { status } = useQuery({ queryKey: ['probe'], queryFn: () => 1, enabled: false });
  return <p>{`${version} ${status}`}</p>;
}

it(`renders with React ${expected}x, one copy for every library`, () => {
  expect(version.startsWith(expected)).toBe(true);
  expect(domVersion).toBe(version);
  render(
    <PlayAuthProvider>
      <Probe />
    </PlayAuthProvider>,
  );
  expect(screen.getByText(`${version} pending`)).toBeInTheDocument();
});
