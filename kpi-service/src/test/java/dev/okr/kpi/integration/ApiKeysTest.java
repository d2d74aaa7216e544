package dev.okr.kpi.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void shouldMakeDistinctKeysOfAFixedShape() {
        String a = ApiKeys.generate();
        String b = ApiKeys.generate();
        assertNotEquals(a, b);
        assertTrue(a.matches("okr_[A-Za-z0-9_-]{43}"), a);
        assertTrue(ApiKeys.looksLikeAKey(a));
        assertEquals(a.substring(0, 12), ApiKeys.shownPrefix(a));
    }

    @Test
    void shouldHashWithSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.hash("abc"));
    }

    @Test
    void shouldNotMistakeOtherStringsForKeys() {
        assertFalse(ApiKeys.looksLikeAKey(null));
        assertFalse(ApiKeys.looksLikeAKey("okr_short"));
        assertFalse(ApiKeys.looksLikeAKey("Bearer abc"));
    }
}
