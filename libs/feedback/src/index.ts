export { FeedbackModule, feedbackEntities } from './feedback.module';
export { RatingsService } from './ratings.service';
export { SCORE_LABELS, PRODUCT_TEAM_QUESTION, type RatingView } from './rating-rules';
export type { RankedRating } from './ratings.repository';
export {
  ShadowingService,
  SHADOW_LINK_LIFETIME_MS,
  type ShadowFeedbackView,
} from './shadowing.service';
export { Rating, RECOMMENDATIONS, type Recommendation } from './entities/rating.entity';
export {
  ShadowFeedback,
  SHADOW_QUESTIONS,
  type ShadowQuestion,
} from './entities/shadow-feedback.entity';
