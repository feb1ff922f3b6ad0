/**
 * The registry of reminder sources: each programme's source file registers itself here with one
 * line. Reviews (`review.*`) and partnerships (`partnership.*`) add theirs the same way.
 */

import { registerSource } from "./source";
import { activitySource } from "./sources/activity";
import { partnershipSource } from "./sources/partnership";
import { reviewSource } from "./sources/review";

registerSource(activitySource);
registerSource(reviewSource);
registerSource(partnershipSource);
// --- more sources: one import + registerSource line each ---
