import './response.css';

export { PatientResponse } from './patient-response.tsx';
export { ResponsePanel } from './response-panel.tsx';
