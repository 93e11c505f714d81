package com.ezscale.billing.offender.db;

import com.ezscale.billing.invoice.db.SellerEntity;
import java.util.List;

/** A mapper that returns another feature's rows: the statement belongs in that feature's mapper. */
interface MapperThatReadsAnotherFeaturesRows {
    List<SellerEntity> selectSellers();
}
