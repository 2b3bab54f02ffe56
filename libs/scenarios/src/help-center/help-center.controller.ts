import { Controller, Get, Param, Query } from '@nestjs/common';
import { SearchHelpCenterDto } from '../dto/search-help-center.dto';
import { HelpCenterService } from './help-center.service';

@Controller('api/help-center')
export class HelpCenterController {
  constructor(private readonly helpCenter: HelpCenterService) {}

  /** `[{ articleId, title, snippet }]`, best first, from one product's help center. */
  @Get('search')
  search(@Query() { q, product }: SearchHelpCenterDto) {
    return this.helpCenter.search(q, { product });
  }

  @Get('articles/:id')
  article(@Param('id') id: string) {
    return this.helpCenter.article(id);
  }
}
