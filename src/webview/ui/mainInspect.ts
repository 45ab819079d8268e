/** The inspect page's entry: says `ready`, then draws what the host sends. */
import type { HostMessage } from '../protocol';
import { InspectApp, SavedState } from './inspect/app';
import { vscodeApi } from './inspect/vscodeApi';

const api = vscodeApi<SavedState>();
const app = new InspectApp(document.getElementById('app')!, api);
window.addEventListener('message', (e: MessageEvent<HostMessage>) => {
  if (typeof e.data?.type === 'string') app.receive(e.data);
});
api.postMessage({ type: 'ready' });
