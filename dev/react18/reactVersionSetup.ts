import { version as reactVersion } from 'react';
import { version as reactDomVersion } from 'react-dom';

// The dom-react18 project must really render with React 18: an alias that stopped working
// would silently run the suite on the root's React 19 again.
if (!reactVersion.startsWith('18.') || !reactDomVersion.startsWith('18.')) {
  throw new Error(
    `dom-react18 runs React ${reactVersion} / react-dom ${reactDomVersion}, not 18: check the react18Alias() in vite.config.ts and dev/react18/node_modules`,
  );
}
