package com.ezscale.billing.portal.security;

import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.util.Utils;
import org.springframework.ui.Model;

/** The set-up of an authenticator app: the secret as a QR code (a data: URI, no request elsewhere), by hand, and its otpauth URI. */
public final class TotpQr {

    private TotpQr() {}

    /** Adds {@code qr}, {@code secret} and {@code uri} to the page's model. */
    public static void addTo(Model model, String label, String secret) {
        QrData data = new QrData.Builder()
                .label(label)
                .secret(secret)
                .issuer("EZSCALE Billing")
                .algorithm(HashingAlgorithm.SHA1)
                .digits(6)
                .period(30)
                .build();
        try {
            ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
            model.addAttribute("qr", Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType()));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("cannot draw the QR code: " + e.getMessage(), e);
        }
        model.addAttribute("secret", secret);
        model.addAttribute("uri", data.getUri());
    }
}
