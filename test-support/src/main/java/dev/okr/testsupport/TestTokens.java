package dev.okr.testsupport;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Tokens signed with the key pair that {@link InfrastructureResource} configured the service with. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String token(String org, String role, String subject) {
        return token(org, role, subject, 3600);
    }

    /** A token that expires {@code lifetimeSeconds} from now. */
    public static String token(String org, String role, String subject, long lifetimeSeconds) {
        return Jwt.issuer(InfrastructureResource.ISSUER)
                .audience(InfrastructureResource.AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .claim("org", org)
                .expiresIn(lifetimeSeconds)
                .sign(privateKey());
    }

    /** A token issued at {@code issuedAt} that expires at {@code expiresAt} (epoch seconds), as a careless issuer may write. */
    public static String issued(String org, String role, long issuedAt, long expiresAt) {
        return Jwt.issuer(InfrastructureResource.ISSUER)
                .audience(InfrastructureResource.AUDIENCE)
                .subject(role + "@" + org)
                .groups(Set.of(role))
                .claim("org", org)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .sign(privateKey());
    }

    public static String member(String org) {
        return token(org, "member", "member@" + org);
    }

    public static String admin(String org) {
        return token(org, "admin", "admin@" + org);
    }

    public static String viewer(String org) {
        return token(org, "viewer", "viewer@" + org);
    }

    /** A token this service must refuse: signed by a key it does not know. */
    public static String signedByAStranger(String org) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(InfrastructureResource.ISSUER).audience(InfrastructureResource.AUDIENCE)
                    .subject("intruder").groups(Set.of("admin")).claim("org", org)
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey() {
        String encoded = System.getProperty(InfrastructureResource.PRIVATE_KEY_PROPERTY);
        if (encoded == null) {
            throw new IllegalStateException("no test key: the test must run with InfrastructureResource");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
