-- More images (issue 5, "More images"): while a case waits for the patient, its submitter uploads photos only
-- against the dermatologist's open requests (more_images_requests, migration 0011). The photo-requests module
-- owns the re-submission; the photos module keeps owning its tables and records which request a photo answers.

-- The request an upload (and the photo it became) answers; NULL for the photos of the original submission.
-- The body site and view come from the request, never from the client.
ALTER TABLE photo_uploads ADD COLUMN photo_request_id uuid REFERENCES more_images_requests (id);
ALTER TABLE photos ADD COLUMN photo_request_id uuid REFERENCES more_images_requests (id);
CREATE INDEX photo_uploads_photo_request_idx ON photo_uploads (photo_request_id) WHERE photo_request_id IS NOT NULL;
CREATE INDEX photos_photo_request_idx ON photos (photo_request_id) WHERE photo_request_id IS NOT NULL;

-- When the requested photos last came back: the queue marks such a case "new photos" for its dermatologist.
ALTER TABLE cases ADD COLUMN photos_returned_at timestamptz;
