export { ErsExportButton } from './ers-export-button.tsx';
