// Loaded by Scalar's start script on /api/docs as its configuration module (see ApiDocs/ApiReference.cs): names the
// page's language, which Scalar's page template leaves out, for screen readers and translation offers.
document.documentElement.lang = 'en';

export default {};
