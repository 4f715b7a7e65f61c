#pragma once
// The one OIIO ImageCache every sequence read goes through (bounded memory, shared file handles).
#include <string>


namespace filmrecover {

//! Memory bound of the shared cache in MB (default 512; FILMRECOVER_IMAGECACHE_MB overrides).
int sharedImageCacheMegabytes();
//! Drops a file from the shared cache (after it was rewritten on disk).
void invalidateCachedFile(const std::string& path);

}  // namespace filmrecover
