import './resubmission.css';

// The patient's (or referring GP's) side of "more images": the case page's call to action and the guided
// re-submission of exactly the photos the dermatologist asked for.
export { PhotosRequestedNotice } from './photos-requested-notice.tsx';
export { ResubmissionPage } from './resubmission-page.tsx';
