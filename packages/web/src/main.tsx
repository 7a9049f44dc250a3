import './i18n/i18n.ts';
import './ui/base.css';
import './ui/forms.css';
import './ui/tables.css';
import './ui/dialogs.css';
import './app/app.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(<App />);
