import { createRoot } from 'react-dom/client';
import { Workspace } from './workspace.tsx';
import './workspace.css';

createRoot(document.getElementById('workspace')!).render(<Workspace />);
