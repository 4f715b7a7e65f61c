// Compiled into every core module library so that a module made of headers only still
// produces a (tiny) archive and can be linked like the others.
namespace filmrecover::detail {
static int moduleAnchor() { return 0; }
[[maybe_unused]] static const int kAnchor = moduleAnchor();
}
